-- The applicant's personal data (name, e-mail, phone) lives apart from the application, like
-- a concern's reporter: shown only to staff and audit-logged on every read, erased a
-- configurable time after the application is closed. The application keeps the rest of the
-- applicant (kind, number of members, organisation) for the decision and the statistics.
CREATE TABLE fund_applicants (
    application_id TEXT PRIMARY KEY REFERENCES fund_applications(id),
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    name TEXT,
    email TEXT,
    phone TEXT,
    erased_at TEXT
);

INSERT INTO fund_applicants (application_id, municipality_id, name, email, phone)
SELECT id, municipality_id,
       json_extract(form_data, '$.applicant.name'),
       json_extract(form_data, '$.applicant.contact_email'),
       json_extract(form_data, '$.applicant.contact_phone')
FROM fund_applications
WHERE json_extract(form_data, '$.applicant') IS NOT NULL;

UPDATE fund_applications
SET form_data = json_remove(form_data, '$.applicant.name', '$.applicant.contact_email',
                            '$.applicant.contact_phone')
WHERE json_extract(form_data, '$.applicant') IS NOT NULL;
