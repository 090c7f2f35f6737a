-- Two-step verification (TOTP, RFC 6238) with recovery codes.
-- totp_secret / totp_pending_secret hold the shared secret protected with ASP.NET Core Data Protection
-- (whose key ring is in this database, encrypted at rest by the platform), never in clear text.
-- totp_last_step is the last time step a code was accepted for: a code is good once (replays refused).
-- recovery_codes holds the SHA-256 (hex) of each unused recovery code; the codes carry 80 random bits,
-- so a plain hash is enough (nothing to brute-force the way a chosen password could be).
-- password_needs_mfa: the password was chosen under the shorter minimum allowed with a second factor,
-- so the second factor cannot be switched off until the password is changed.
alter table accounts add column totp_secret text;
alter table accounts add column totp_pending_secret text;
alter table accounts add column totp_last_step bigint;
alter table accounts add column recovery_codes text[] not null default '{}';
alter table accounts add column password_needs_mfa boolean not null default false;
