-- Data Protection only adds ring keys (a key is retired by a later revocation row), so the app role
-- needs select and insert on the key ring, as every app's ring table grants (ServiceDefaults'
-- KeyRingTable); 0001 had granted update too.
revoke update on data_protection_keys from "$app_role$";
