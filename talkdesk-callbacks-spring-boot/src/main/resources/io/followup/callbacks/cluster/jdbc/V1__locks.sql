-- Talkdesk callbacks, schema version 1: one row per lock key (SHA-256 of "phone:+351..." or "ticket:T-1"),
-- row-locked inside a transaction so that engine nodes sharing this database never book one number twice and never
-- start two follow-ups for one ticket.
CREATE TABLE tdcb_lock (
    lock_key VARCHAR(64) NOT NULL PRIMARY KEY
);
