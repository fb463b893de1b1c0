-- One database per service, created when the PostgreSQL data folder is first initialised.
CREATE DATABASE marketplace_auth;
CREATE DATABASE marketplace_catalog;
CREATE DATABASE marketplace_orders;
CREATE DATABASE marketplace_support;
CREATE DATABASE marketplace_reviews;
CREATE DATABASE marketplace_notifications;
CREATE DATABASE marketplace_settlements;
CREATE DATABASE marketplace_gateway;
