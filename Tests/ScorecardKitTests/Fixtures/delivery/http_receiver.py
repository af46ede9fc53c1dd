# A small HTTP receiver on loopback for the delivery tests: each POST saved as N.json holding the
# path with its query and the body as sent; the reply is what the robots' servers answer on success.
# usage: http_receiver.py PORT FOLDER   (writes FOLDER/ready when listening)
import json, os, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, folder = int(sys.argv[1]), sys.argv[2]
count = 0
lock = threading.Lock()

class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        global count
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            count += 1
            n = count
        with open(os.path.join(folder, f"{n}.json"), "w") as f:
            json.dump({"path": self.path, "content_type": self.headers.get("Content-Type"), "body": body.decode("utf-8")}, f, ensure_ascii=False)
        reply = b'{"code":0,"msg":"success"}' if "/open-apis/" in self.path else b'{"errcode":0,"errmsg":"ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", port), Receiver)
open(os.path.join(folder, "ready"), "w").close()
server.serve_forever()
