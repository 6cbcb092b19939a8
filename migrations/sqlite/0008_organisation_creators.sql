-- Who may change a host-wide organisation (network/organisations/rights.rs): the host admin
-- and staff of the municipalities involved with it, i.e. the one that created it and those
-- whose data names it. This records the creator; the host admin creates without one (NULL).
ALTER TABLE organisations ADD COLUMN created_by_municipality_id TEXT REFERENCES municipalities(id);

-- Organisations created before: the municipality of the staff user whose `create` entry is in
-- the audit log; NULL when the host admin created it or nothing says who did.
UPDATE organisations SET created_by_municipality_id = (
    SELECT MIN(u.municipality_id) FROM audit_log l JOIN users u ON u.id = l.actor_id
    WHERE l.object_kind = 'organisation' AND l.action = 'create'
      AND l.object_id = organisations.id AND u.role IN ('coordinator', 'qm'));

-- Finding the municipalities involved with an organisation reads every table that names one;
-- these had no index on the organisation.
CREATE INDEX persons_organisation ON persons (organisation_id);
CREATE INDEX join_requests_organisation ON join_requests (organisation_id);
CREATE INDEX memberships_on_behalf_of ON memberships (on_behalf_of_id);
CREATE INDEX attendance_organisation ON attendance (organisation_id);
CREATE INDEX projects_lead_organisation ON projects (lead_organisation_id);
CREATE INDEX concerns_proposed_organisation ON concerns (proposed_organisation_id);
CREATE INDEX concerns_department_organisation ON concerns (department_organisation_id);
