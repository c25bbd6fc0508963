"""The questions a reviewer asks, each answered by one ``crossref.questions`` service and one
page: what a speaker said about a topic, who else said a claim, when something was first
said, what a speaker said between two dates, which claims about a topic contradict."""
