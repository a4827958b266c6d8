-- pgbench script: one transaction inserts 100 journal-sized rows (about 250-byte payloads) in one
-- multi-row INSERT, the shape a batching journal writes. Measures the raw ceiling of this PostgreSQL.
INSERT INTO event_journal (persistence_id, sequence_number, writer, write_timestamp, adapter_manifest,
                           event_ser_id, event_ser_manifest, event_payload)
SELECT 'Group|raw-' || :client_id || '-' || (g % 50), nextval('raw_seq'), 'pgbench', 0, '',
       33, 'org.sanwang.hub.group.GroupEntity$MessagePosted', decode(repeat('a5', 250), 'hex')
FROM generate_series(1, 100) AS g;
