from vnreader.cli import main

raise SystemExit(main())
