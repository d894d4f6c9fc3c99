-- tools/realprog.py runs this with the gcc-built and the lcc-built sqlite3
-- shell (-batch -bail :memory:); the outputs must be identical.
.headers on
.mode list
CREATE TABLE dept(id INTEGER PRIMARY KEY, name TEXT NOT NULL, budget REAL);
INSERT INTO dept(name, budget) VALUES ('eng', 1.5e6), ('ops', 250000.25), ('sales', 98765.4321),
  ('legal', NULL);
CREATE TABLE emp(id INTEGER PRIMARY KEY, name TEXT, dept INTEGER REFERENCES dept(id),
                 salary INTEGER, ratio REAL, born TEXT);
-- 10k rows from a recursive CTE: integer, real and text arithmetic.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO emp(name, dept, salary, ratio, born)
SELECT 'e' || printf('%05d', i), 1 + (i * 7919) % 4, 30000 + (i * 104729) % 90001,
       (i % 97) / 7.0, date('1960-01-01', '+' || (i * 13 % 15000) || ' days')
FROM n;
SELECT count(*), sum(salary), min(salary), max(salary), total(ratio) FROM emp;
SELECT printf('%.6f', avg(salary)), printf('%.3e', sum(ratio)), printf('%10.4f|', avg(ratio)) FROM emp;
-- joins and grouping
SELECT d.name, count(e.id) AS n, sum(e.salary) AS s, printf('%.2f', avg(e.salary)) AS a,
       min(e.born), max(e.born)
FROM dept d LEFT JOIN emp e ON e.dept = d.id GROUP BY d.id ORDER BY d.name;
SELECT d.name, e.salary / 10000 AS band, count(*) FROM emp e JOIN dept d ON d.id = e.dept
GROUP BY d.name, band HAVING count(*) > 240 ORDER BY 1, 2;
-- an index and lookups through it
CREATE INDEX emp_salary ON emp(salary);
CREATE INDEX emp_dept_born ON emp(dept, born);
SELECT id, name, salary FROM emp WHERE salary BETWEEN 45000 AND 45100 ORDER BY salary, id;
SELECT count(*) FROM emp WHERE dept = 2 AND born > '1990-01-01';
EXPLAIN QUERY PLAN SELECT * FROM emp WHERE salary = 50000;
-- subqueries
SELECT name, salary FROM emp WHERE salary = (SELECT max(salary) FROM emp) ORDER BY id;
SELECT count(*) FROM emp e WHERE e.salary > (SELECT avg(salary) FROM emp x WHERE x.dept = e.dept);
SELECT d.name FROM dept d WHERE NOT EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.id);
SELECT id FROM emp WHERE id IN (SELECT id * 3 FROM emp WHERE id < 20) ORDER BY id DESC LIMIT 5;
-- a view
CREATE VIEW rich AS SELECT e.name, d.name AS dept, e.salary FROM emp e JOIN dept d ON d.id = e.dept
WHERE e.salary > 119000;
SELECT dept, count(*), max(salary) FROM rich GROUP BY dept ORDER BY dept;
SELECT * FROM rich ORDER BY salary DESC, name LIMIT 7;
-- strings
SELECT upper(name), lower('MiXeD'), length(name), substr(name, 2, 3), replace(name, '0', 'o'),
       instr(name, '9'), trim('  x  '), ltrim('xxabc', 'x'), hex(name), quote(name || ''''),
       name LIKE 'e00%', name GLOB '*9?'
FROM emp WHERE id % 2500 = 1;
SELECT group_concat(name, ',') FROM (SELECT name FROM emp WHERE id <= 12 ORDER BY id DESC);
SELECT char(72, 105), unicode('A'), zeroblob(3), typeof(1), typeof(1.0), typeof('a'), typeof(NULL),
       typeof(x'00');
-- printf of every kind
SELECT printf('%d|%5d|%-5d|%05d|%x|%X|%o|%c|%s|%10s|%-10s|%.3s|%%', 42, 42, 42, 42, 255, 255, 8,
              'z', 'str', 'right', 'left', 'truncate');
SELECT printf('%f|%.0f|%.10f|%e|%g|%g|%g|%G', 3.14159265358979, 2.5, 1.0/3, 123456.789,
              0.0001234, 1e20, 100.0, 1e-10);
SELECT printf('%lld|%q|%Q|%w|%,d', 9223372036854775807, 'it''s', 'x', 'a"b', 1234567);
SELECT 1e308 * 10, -1e308 * 10, 0.1 + 0.2, 1/3, 1.0/3, 7 % 3, -7 / 2, 5 << 3, -1 >> 1,
       9223372036854775807 + 1, abs(-4.5), round(2.675, 2), round(-0.5);
-- numbers, casts, math
SELECT CAST('12abc' AS INTEGER), CAST(3.99 AS INTEGER), CAST('1e3' AS REAL), CAST(10 AS TEXT) || 'x',
       1 = 1.0, 'a' < 'b', NULL IS NULL, coalesce(NULL, NULL, 3), nullif(4, 4), iif(1, 'y', 'n');
SELECT sum(salary * ratio), avg(ratio * ratio), max(ratio) - min(ratio) FROM emp;
-- window functions and ordering
SELECT id, salary, rank() OVER (ORDER BY salary DESC) AS r,
       sum(salary) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS run
FROM emp WHERE id <= 10 ORDER BY id;
-- updates, deletes, transactions
BEGIN;
UPDATE emp SET salary = salary + 1000 WHERE dept = 3;
DELETE FROM emp WHERE id % 10 = 0;
COMMIT;
SELECT count(*), sum(salary) FROM emp;
BEGIN;
DELETE FROM emp;
ROLLBACK;
SELECT count(*) FROM emp;
-- dates and json
SELECT date('2024-02-28', '+1 day'), strftime('%Y-%j %H:%M', '2000-12-31 23:59:00'),
       julianday('2000-01-01'), datetime(0, 'unixepoch');
SELECT json_object('a', 1, 'b', json_array(1, 2.5, 'x')), json_extract('{"k":[10,20]}', '$.k[1]');
-- output modes of the shell
.mode csv
SELECT id, name, ratio FROM emp WHERE id < 5;
.mode column
SELECT id, name, salary FROM emp WHERE id BETWEEN 21 AND 24;
.mode box
SELECT name, budget FROM dept;
.mode json
SELECT id, born FROM emp WHERE id IN (1, 2);
.mode line
SELECT * FROM dept WHERE id = 2;
.mode list
.schema
PRAGMA integrity_check;
