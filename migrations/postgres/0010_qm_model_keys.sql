-- One vocabulary of QM-model keys: the municipality record now uses the keys plugins know
-- (schemas/plugin/, plugins/hessen), so a municipality's model reaches its plugin.
UPDATE municipalities SET qm_model = 'staedtische_gesellschaft' WHERE qm_model = 'kommunale_gesellschaft';
UPDATE municipalities SET qm_model = 'externe_beauftragte' WHERE qm_model = 'externer_auftragnehmer';
UPDATE municipalities SET qm_model = 'ein_traeger' WHERE qm_model = 'ein_auftragnehmer_fuer_alles';
