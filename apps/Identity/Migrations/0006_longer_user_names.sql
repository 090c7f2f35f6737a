-- An account's user name is "{tenantId:N}/{e-mail}": 32 + 1 + up to 254 characters (TenantAccount.MaxUserNameLength).
-- The 256 of ASP.NET Core Identity's default model refused valid long addresses at sign-up and invitation
-- ("22001 value too long"). Widening a varchar rewrites nothing and keeps the unique index.
alter table accounts alter column user_name type character varying(287);
alter table accounts alter column normalized_user_name type character varying(287);
