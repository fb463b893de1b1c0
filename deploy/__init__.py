"""Running the whole platform on one machine: process layout, local start-up and demo data."""
