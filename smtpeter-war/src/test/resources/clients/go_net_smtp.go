// Sends a message file with Go's net/smtp. smtp.SendMail has no implicit TLS, so for 465 the
// program dials TLS itself and hands the connection to smtp.NewClient. net/smtp has PlainAuth
// and CRAMMD5Auth only: no AUTH LOGIN.
//
// Arguments: host port starttls|smtps PLAIN user password from to message-file
package main

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/smtp"
	"os"
)

func main() {
	if len(os.Args) != 10 {
		fail(fmt.Errorf("usage: host port starttls|smtps PLAIN user password from to message-file"))
	}
	host, port, mode, mechanism := os.Args[1], os.Args[2], os.Args[3], os.Args[4]
	user, password, from, to, path := os.Args[5], os.Args[6], os.Args[7], os.Args[8], os.Args[9]
	if mechanism != "PLAIN" {
		fail(fmt.Errorf("net/smtp has no AUTH %s", mechanism))
	}
	message, err := os.ReadFile(path)
	check(err)
	// InsecureSkipVerify: the test relay's certificate is self-signed; in production leave it out.
	config := &tls.Config{ServerName: host, InsecureSkipVerify: true}
	address := net.JoinHostPort(host, port)

	var client *smtp.Client
	if mode == "smtps" {
		conn, err := tls.Dial("tcp", address, config)
		check(err)
		client, err = smtp.NewClient(conn, host)
		check(err)
	} else {
		client, err = smtp.Dial(address)
		check(err)
		check(client.StartTLS(config))
	}
	defer client.Close()
	check(client.Auth(smtp.PlainAuth("", user, password, host)))
	check(client.Mail(from))
	check(client.Rcpt(to))
	data, err := client.Data()
	check(err)
	_, err = data.Write(message)
	check(err)
	check(data.Close())
	check(client.Quit())
}

func check(err error) {
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
