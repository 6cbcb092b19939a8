-- Who besides staff reads a fund applicant's contact: the municipality's rule
-- (`network::municipalities::ApplicantContactRule`). The default keeps it with staff.
ALTER TABLE municipalities ADD COLUMN applicant_contact TEXT NOT NULL DEFAULT 'personal';
