/** Seconds an application's sign-in may take, enrolment included (15 minutes of it). */
export const INTERACTION_TTL_SECONDS = 20 * 60;
