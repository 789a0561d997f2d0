local c = cluster { brokers = 1 }
break_when("member.removed")
