local c = cluster { brokers = 1 }
ask { question = "Which?", choices = { "a", "b" }, anwser = 1 }
