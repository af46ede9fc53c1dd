# A real SMTP server on loopback for the delivery tests (Debian python3-aiosmtpd): AUTH required
# (PLAIN/LOGIN, over plain text on loopback), each message saved as N.eml and parsed by Python's
# own email package into N.json (recipients, decoded subject, parts, attachment) for the test to read.
# usage: smtp_sink.py PORT FOLDER USER PASSWORD   (writes FOLDER/ready when listening)
import base64, json, os, sys, threading
from email import policy
from email.parser import BytesParser
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, folder, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
count = 0
lock = threading.Lock()

def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
    return AuthResult(success=ok)

class Sink:
    async def handle_DATA(self, server, session, envelope):
        global count
        with lock:
            count += 1
            n = count
        raw = envelope.original_content or envelope.content
        with open(os.path.join(folder, f"{n}.eml"), "wb") as f:
            f.write(raw)
        message = BytesParser(policy=policy.default).parsebytes(raw)
        summary = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "subject": str(message["subject"]),
                   "to": str(message["to"]), "types": [p.get_content_type() for p in message.walk()],
                   "auth": session.authenticated}
        for part in message.walk():
            if part.get_content_type() == "text/plain" and "text" not in summary:
                summary["text"] = part.get_content()
            elif part.get_content_type() == "text/html":
                summary["html"] = part.get_content()
            elif part.get_filename():
                summary["attachment_name"] = part.get_filename()
                summary["attachment"] = base64.b64encode(part.get_payload(decode=True)).decode()
        with open(os.path.join(folder, f"{n}.json"), "w") as f:
            json.dump(summary, f, ensure_ascii=False)
        return "250 OK"

controller = Controller(Sink(), hostname="127.0.0.1", port=port, authenticator=authenticator,
                        auth_required=True, auth_require_tls=False)
controller.start()
open(os.path.join(folder, "ready"), "w").close()
threading.Event().wait()  # until SIGTERM ends the process
