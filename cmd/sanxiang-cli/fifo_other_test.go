//go:build !unix

package main

func mkfifo(string) error { return nil }
