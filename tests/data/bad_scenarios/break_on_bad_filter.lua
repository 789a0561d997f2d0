local c = cluster { brokers = 1 }
break_on("member.removed", { group = 1.5 })
