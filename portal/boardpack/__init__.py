"""The board pack: the portal's own version of the HMICFRS Engage board paper, as a Word document."""
