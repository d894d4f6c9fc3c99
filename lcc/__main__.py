from lcc.driver import main

raise SystemExit(main())
