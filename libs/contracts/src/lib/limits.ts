/** The longest grace period an owner or super user may give before enrolment is due. */
export const MAX_GRACE_DAYS = 365;
/** The longest a browser may be remembered for, per user type. */
export const MAX_REMEMBER_DAYS = 90;
