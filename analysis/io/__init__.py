"""Reading and writing: input records, file dispatch, saved pages, the data package, its schema, brat and gold files."""
