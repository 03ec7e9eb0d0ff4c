CREATE DATABASE IF NOT EXISTS demo COMMENT 'athena-workflow demo'
