/* C11 6.9p1: a translation unit has at least one external declaration */
