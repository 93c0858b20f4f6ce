// Command whoami-baseline is the classic Docker lesson's Go server, the baseline the Java images are
// measured against: GET /whoami answers the host name (in a container, its ID) as plain text.
package main

import (
	"io"
	"log"
	"net/http"
	"os"
)

func main() {
	// Read once, as the Java server does: a container's host name does not change.
	hostname, err := os.Hostname()
	if err != nil {
		hostname = "unknown"
	}
	port := os.Getenv("SERVER_PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/whoami", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, hostname)
	})
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
