int vers2_included;
