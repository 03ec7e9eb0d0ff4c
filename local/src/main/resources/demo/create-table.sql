CREATE EXTERNAL TABLE IF NOT EXISTS demo.orders (
  order_id   bigint,
  order_date string,
  region     string,
  product    string,
  quantity   int,
  unit_price decimal(10,2),
  customer   string,
  note       string
)
PARTITIONED BY (year int)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '"')
LOCATION 's3://athena-workflow-data/demo/orders/'
TBLPROPERTIES ('skip.header.line.count' = '1')
