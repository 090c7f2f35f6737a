-- Growing lockout: how many lockouts in a row an account has had, and when the last one began.
alter table accounts add column lockout_level int not null default 0;
alter table accounts add column last_lockout_at timestamptz;
