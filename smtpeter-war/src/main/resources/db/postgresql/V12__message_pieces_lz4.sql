-- PostgreSQL only (db/postgresql): the pieces of each message compressed with LZ4 instead of
-- pglz. A piece over 2 KB is compressed before it is stored and decompressed when it is sent;
-- pglz took 178 microseconds per 10.7 KB newsletter on the database server, LZ4 36, and LZ4's
-- copy was smaller (5,000 of them: 27 MB with pglz, 20 MB with LZ4, 60 MB uncompressed;
-- BENCHMARKS.md, 2026-12-07 late). Pieces stored before keep pglz; PostgreSQL reads both.
-- PostgreSQL 14 and later have LZ4 when built with it, as the packages of Debian, Ubuntu, the
-- PostgreSQL project and its container images are; without it, the pieces stay with pglz.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE message_chunk ALTER COLUMN data SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR syntax_error OR invalid_parameter_value THEN
    RAISE NOTICE 'message_chunk.data keeps pglz: %', SQLERRM;
END
$$;
