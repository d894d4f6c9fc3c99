-- Run by `python -m tools.realprog sqlite --full` (FTS4/5, R*Tree, Geopoly
-- and the math functions compiled in); gcc- and lcc-built outputs must agree.
SELECT round(exp(1), 12), ln(10), log10(1000), log2(1024), pow(2, 0.5), sqrt(2), sin(1), cos(1),
       tan(1), atan2(1, 2), degrees(pi()), radians(180), ceil(-1.5), floor(-1.5), trunc(-1.5),
       mod(7.5, 2), sign(-3), acosh(2), asinh(1), atanh(0.5);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
SELECT printf('%.12f', sum(sin(i) * cos(i / 3.0))), printf('%.9e', sum(exp(-i / 500.0))),
       printf('%.6f', sum(sqrt(i) * ln(i))) FROM n;
CREATE VIRTUAL TABLE docs USING fts5(title, body);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO docs SELECT 'doc ' || i,
  CASE i % 5 WHEN 0 THEN 'alpha beta gamma' WHEN 1 THEN 'beta delta' WHEN 2 THEN 'gamma epsilon alpha'
  WHEN 3 THEN 'zeta eta theta alpha alpha' ELSE 'iota kappa' END || ' word' || (i % 17) FROM n;
SELECT count(*) FROM docs WHERE docs MATCH 'alpha';
SELECT title, printf('%.6f', bm25(docs)) FROM docs WHERE docs MATCH 'alpha AND word3'
ORDER BY bm25(docs), rowid LIMIT 6;
SELECT highlight(docs, 1, '[', ']'), snippet(docs, 1, '<', '>', '...', 3) FROM docs
WHERE docs MATCH 'theta' ORDER BY rowid LIMIT 3;
SELECT count(*) FROM docs WHERE docs MATCH '"gamma epsilon" OR kappa';
CREATE VIRTUAL TABLE old USING fts4(body);
INSERT INTO old(body) SELECT body FROM docs WHERE rowid <= 500;
SELECT count(*) FROM old WHERE old MATCH 'alpha';
SELECT rowid, offsets(old) FROM old WHERE old MATCH 'alpha' ORDER BY rowid LIMIT 3;
SELECT quote(matchinfo(old)) FROM old WHERE old MATCH 'beta' ORDER BY rowid LIMIT 2;
CREATE VIRTUAL TABLE boxes USING rtree(id, x0, x1, y0, y1);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO boxes SELECT i, (i * 37 % 1000) / 10.0, (i * 37 % 1000) / 10.0 + (i % 7) + 0.5,
                          (i * 91 % 1000) / 10.0, (i * 91 % 1000) / 10.0 + (i % 5) + 0.25 FROM n;
SELECT count(*) FROM boxes WHERE x0 >= 10 AND x1 <= 20 AND y0 >= 30 AND y1 <= 45;
SELECT id, x0, x1, y0, y1 FROM boxes WHERE x0 < 1 AND y0 < 50 ORDER BY id LIMIT 5;
CREATE VIRTUAL TABLE shapes USING geopoly(name);
INSERT INTO shapes(_shape, name) VALUES
  ('[[0,0],[4,0],[4,3],[0,3],[0,0]]', 'rect'),
  ('[[1,1],[5,1],[3,6],[1,1]]', 'tri'),
  (geopoly_regular(10, 10, 2, 8), 'octagon');
SELECT name, printf('%.6f', geopoly_area(_shape)), geopoly_json(geopoly_bbox(_shape)) FROM shapes
ORDER BY name;
SELECT name FROM shapes WHERE geopoly_overlap(_shape, '[[2,2],[3,2],[3,3],[2,3],[2,2]]')
ORDER BY name;
SELECT geopoly_contains_point('[[0,0],[4,0],[4,3],[0,3],[0,0]]', 2, 1.5),
       geopoly_svg(geopoly_xform('[[0,0],[1,0],[0,1],[0,0]]', 2, 0.5, -0.5, 2, 1, 1));
