-- People who sign in get a role: ADMIN (everything, including settings and users), MARKETER
-- (contacts, objections, imports, campaigns) or VIEWER (reads only). The admin made at the first
-- start, and any account from before roles existed, stays an administrator.
-- No CHECK constraint, as in V1: UserRole in platform is the list of roles.
ALTER TABLE admin_account ADD COLUMN role VARCHAR(20) DEFAULT 'ADMIN' NOT NULL;
