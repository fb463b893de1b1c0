"""Second factors (A4), all in this package: which factors an account has and how one is added or removed
(enrolment), the authenticator app (authenticator_app, with its RFC 6238 codes in totp), codes by SMS or email
(contact_factors), security keys (security_keys), recovery codes (recovery_codes), proving a factor at
sign-in (checks), and the box that seals their secrets at rest (secret_box)."""
