-- Indexes the report dataset needs (host/src/reports/dataset/).
--
-- Concerns are counted by the events of a period (received, forwarded, answered, closed) among
-- those received by its end: one range over the receipt, carrying every column the counts, the
-- days to feedback and the area filter read, so an index-only scan serves them. The intake pays
-- one more index entry per concern.
CREATE INDEX concerns_report ON concerns (municipality_id, received_at)
    INCLUDE (category, department, area, forwarded_at, reported_at, closed_at);

-- Each contract target's latest review result: results were keyed by review only, so finding
-- a target's meant reading every municipality's results.
CREATE INDEX contract_review_results_target ON contract_review_results (target_id);
