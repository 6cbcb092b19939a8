-- Removing a concern or a meeting checks every row that may refer to it; without an index on
-- the referring column that is a full scan per removed row, which made emptying a municipality
-- with tens of thousands of concerns (the large benchmark municipality, `quartier seed
-- --scale large`) take hours instead of seconds.
CREATE INDEX concerns_duplicate_of ON concerns (duplicate_of);
CREATE INDEX fund_application_events_meeting ON fund_application_events (meeting_id);
