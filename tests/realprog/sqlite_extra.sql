-- More of SQLite for tools/realprog.py: float-heavy recursive CTEs, triggers,
-- upserts, sorting, blobs, generate_series (from shell.c), .dump.
WITH RECURSIVE
  xaxis(x) AS (VALUES(-2.0) UNION ALL SELECT x + 0.05 FROM xaxis WHERE x < 1.2),
  yaxis(y) AS (VALUES(-1.0) UNION ALL SELECT y + 0.1 FROM yaxis WHERE y < 1.0),
  m(iter, cx, cy, x, y) AS (
    SELECT 0, x, y, 0.0, 0.0 FROM xaxis, yaxis
    UNION ALL
    SELECT iter + 1, cx, cy, x * x - y * y + cx, 2.0 * x * y + cy FROM m
     WHERE (x * x + y * y) < 4.0 AND iter < 28
  ),
  m2(iter, cx, cy) AS (SELECT max(iter), cx, cy FROM m GROUP BY cx, cy),
  a(t) AS (SELECT group_concat(substr(' .+*#', 1 + min(iter / 7, 4), 1), '')
           FROM m2 GROUP BY cy)
SELECT group_concat(rtrim(t), x'0a') FROM a;
CREATE TABLE kv(k TEXT PRIMARY KEY, v INTEGER, f REAL, b BLOB);
CREATE TABLE audit(n INTEGER PRIMARY KEY, what TEXT);
CREATE TRIGGER kv_ins AFTER INSERT ON kv BEGIN
  INSERT INTO audit(what) VALUES ('ins ' || new.k || '=' || new.v);
END;
CREATE TRIGGER kv_upd AFTER UPDATE OF v ON kv BEGIN
  INSERT INTO audit(what) VALUES ('upd ' || old.k || ' ' || old.v || '->' || new.v);
END;
INSERT INTO kv VALUES ('a', 1, 0.5, x'deadbeef'), ('b', 2, -1.25, zeroblob(2)), ('c', 3, 1e-7, NULL);
INSERT INTO kv VALUES ('a', 10, 0, NULL) ON CONFLICT(k) DO UPDATE SET v = v + excluded.v;
INSERT OR REPLACE INTO kv VALUES ('d', 4, 2.5e10, x'00ff');
UPDATE kv SET v = v * 3 WHERE k > 'a';
SELECT * FROM audit ORDER BY n;
SELECT k, v, f, hex(b), length(b), typeof(b) FROM kv ORDER BY k;
SELECT value, value * value, printf('%.*f', value % 6, 1.0 / value), printf('%!.20g', 1.0 / value)
FROM generate_series(1, 12);
SELECT sum(value), avg(value), count(*) FROM generate_series(1, 100000, 3);
WITH RECURSIVE r(i, s) AS (SELECT 1, 'x' UNION ALL SELECT i + 1, s || char(65 + i % 26) FROM r
  WHERE i < 300)
SELECT i, length(s), substr(s, -5), md5 FROM (SELECT i, s, hex(substr(s, i / 2, 4)) AS md5 FROM r)
WHERE i % 37 = 0;
CREATE TABLE nums AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
  SELECT i, (i * 2654435761) % 1000003 AS h, i * 0.001 - 2.5 AS f,
         printf('%08x', (i * 40503) % 65536) AS s FROM n;
SELECT h, f, s FROM nums ORDER BY h DESC LIMIT 5;
SELECT s, count(*) FROM nums GROUP BY substr(s, 1, 5) ORDER BY 2 DESC, 1 LIMIT 5;
SELECT min(f), max(f), sum(f), total(f * f), avg(abs(f)), round(sum(f * f * f), 6) FROM nums;
SELECT count(DISTINCT h % 97), group_concat(DISTINCT i % 5) FROM nums;
SELECT a.i, b.i FROM nums a JOIN nums b ON a.h = b.h + 1 ORDER BY a.i LIMIT 5;
SELECT i FROM nums WHERE s LIKE '%ff%' ORDER BY i LIMIT 10;
SELECT format('%s has %d rows, %.2f%%', 'nums', count(*), 100.0 * count(*) / 7) FROM nums;
SELECT 1.5e300 * 1.5e300, -0.0, 1e-320, 4.9e-324 / 2, 2.0 / 3 * 3 = 2.0, 9007199254740993,
       CAST(9007199254740993 AS REAL), 0.1 * 3, 1e16 + 1.0;
.dump kv audit
-- a database file: journal, WAL, page cache, VACUUM
ATTACH 'disk.db' AS d;
PRAGMA d.page_size = 1024;
PRAGMA d.journal_mode = WAL;
CREATE TABLE d.t(i INTEGER PRIMARY KEY, s TEXT, f REAL);
CREATE INDEX d.t_s ON t(s);
BEGIN;
INSERT INTO d.t SELECT i, printf('%x-%d', i * 7919, i % 13), i / 3.0 FROM nums;
INSERT INTO d.t SELECT i + 5000, s || '!', f * 2 FROM d.t;
COMMIT;
DELETE FROM d.t WHERE i % 3 = 0;
PRAGMA d.wal_checkpoint(TRUNCATE);
PRAGMA d.journal_mode = DELETE;
VACUUM d;
SELECT count(*), sum(i), printf('%.6f', sum(f)), max(s) FROM d.t;
SELECT s FROM d.t WHERE s > 'f' ORDER BY s LIMIT 3;
PRAGMA d.page_count;
PRAGMA d.integrity_check;
DETACH d;
