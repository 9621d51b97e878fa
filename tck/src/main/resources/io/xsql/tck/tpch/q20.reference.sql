-- TPC-H Q20 for PostgreSQL holding all tables, with its correlated subquery written as a derived table:
-- PostgreSQL runs a correlated scalar subquery once per row (hours at SF 1), xsql decorrelates it. A
-- partsupp row without lineitems in the year has a NULL sum in the original and no join partner here:
-- neither keeps it.
select
  s_name,
  s_address
from
  supplier,
  nation
where
  s_suppkey in (
    select
      ps_suppkey
    from
      partsupp,
      (
        select
          l_partkey as agg_partkey,
          l_suppkey as agg_suppkey,
          0.5 * sum(l_quantity) as agg_quantity
        from
          lineitem
        where
          l_shipdate >= date '1994-01-01'
          and l_shipdate < date '1994-01-01' + interval '1' year
        group by
          l_partkey,
          l_suppkey
      ) agg_lineitem
    where
      agg_partkey = ps_partkey
      and agg_suppkey = ps_suppkey
      and ps_partkey in (
        select
          p_partkey
        from
          part
        where
          p_name like 'forest%'
      )
      and ps_availqty > agg_quantity
  )
  and s_nationkey = n_nationkey
  and n_name = 'CANADA'
order by
  s_name
