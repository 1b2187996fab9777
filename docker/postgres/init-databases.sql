-- One PostgreSQL server, one database per service (DESIGN.md §2: a service never reads another's tables).
-- Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d).
create database lianhu_registry owner lianhu;
create database lianhu_pairing owner lianhu;
create database lianhu_visit owner lianhu;
create database lianhu_reporting owner lianhu;
