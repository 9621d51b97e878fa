-- TPC-H Q17 for PostgreSQL holding all tables, with its correlated subquery written as a derived table:
-- PostgreSQL runs a correlated scalar subquery once per row (hours at SF 1), xsql decorrelates it.
select
  sum(l_extendedprice) / 7.0 as avg_yearly
from
  lineitem,
  part,
  (
    select
      l_partkey as agg_partkey,
      0.2 * avg(l_quantity) as avg_quantity
    from
      lineitem
    group by
      l_partkey
  ) part_agg
where
  p_partkey = l_partkey
  and agg_partkey = l_partkey
  and p_brand = 'Brand#23'
  and p_container = 'MED BOX'
  and l_quantity < avg_quantity
