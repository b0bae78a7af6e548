"""The sidebar's sections. Only sections that work are listed; later capabilities add theirs."""
