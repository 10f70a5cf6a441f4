#!/usr/bin/env python3
"""The trust's side of the MESH tests, played by the reference client `mesh-client`.

  send   --url URL --shared-key-file F --sender MB --to MB --workflow W --filename N --file PATH
         [--chunks N] [--compress]                      prints the new message id
  track  --url URL --shared-key-file F --sender MB --message-id ID   prints the message's status
  inbox  --url URL --shared-key-file F --mailbox MB     prints one line per message: id workflow filename
  read   ... --mailbox MB --message-id ID               writes the message body to stdout

Every connection is mutual TLS against the kit's CA (run through the kit's `trust` wrapper).
The canned sandbox mailboxes all have the password "password".
"""
import argparse
import math
import os
import sys

from mesh_client import MeshClient


def client(args, mailbox):
    with open(args.shared_key_file, "rb") as f:
        shared_key = f.read().strip()
    return MeshClient(
        args.url,
        mailbox,
        "password",
        shared_key=shared_key,
        cert=(os.path.join(args.kit, "trust.pem"), os.path.join(args.kit, "trust.key")),
        verify=os.path.join(args.kit, "ca.pem"),
        max_retries=0,
        timeout=60,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["send", "track", "inbox", "read"])
    parser.add_argument("--kit", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--shared-key-file", required=True)
    parser.add_argument("--sender", default="X26ABC1")
    parser.add_argument("--mailbox", default="X26ABC1")
    parser.add_argument("--to", default="X26ABC2")
    parser.add_argument("--workflow", default="TEST_WORKFLOW")
    parser.add_argument("--filename", default="extract.csv")
    parser.add_argument("--file")
    parser.add_argument("--chunks", type=int, default=1)
    parser.add_argument("--compress", action="store_true")
    parser.add_argument("--message-id")
    args = parser.parse_args()

    if args.command == "send":
        with open(args.file, "rb") as f:
            data = f.read()
        chunk_size = max(1, math.ceil(len(data) / args.chunks))
        with client(args, args.sender) as mesh:
            message_id = mesh.send_message(
                args.to,
                data,
                max_chunk_size=chunk_size,
                compress=args.compress,
                workflow_id=args.workflow,
                filename=args.filename,
            )
        print(message_id)
    elif args.command == "track":
        with client(args, args.sender) as mesh:
            tracked = mesh.track_message(args.message_id)
        print(tracked.get("status"))
    elif args.command == "inbox":
        with client(args, args.mailbox) as mesh:
            for message_id in mesh.list_messages():
                message = mesh.retrieve_message(message_id)
                print(message_id, message.workflow_id, message.filename)
    else:
        with client(args, args.mailbox) as mesh:
            sys.stdout.buffer.write(mesh.retrieve_message(args.message_id).read())


if __name__ == "__main__":
    main()
