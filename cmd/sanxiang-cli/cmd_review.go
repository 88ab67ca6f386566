package main

import (
	"io"

	"sanxiang/scoring"
)

// reviewCommands are the bureau's subcommands of `review` (区司法局复核).
func reviewCommands() map[string]command {
	return map[string]command{
		"import": cmdReviewImport,
	}
}

// cmdReview dispatches `review <子命令> …`.
func cmdReview(cats *scoring.Set, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return usageFail(stderr, "review 需要子命令：import")
	}
	sub, ok := reviewCommands()[args[0]]
	if !ok {
		return usageFail(stderr, "review 没有子命令 %q", args[0])
	}
	return sub(cats, args[1:], stdout, stderr)
}
