#!/usr/bin/env python3
"""HPKE interoperability for Haven's referral packets, with pyhpke (an independent
implementation of RFC 9180): DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM, base mode.

  hpke_interop.py open KEYFILE PACKET REFERRAL AGENCY      plaintext to stdout
  hpke_interop.py seal PUBLIC_KEY_B64 PLAINTEXT REFERRAL AGENCY OUT

KEYFILE is a Haven agency key file; a packet is enc (32 bytes) followed by the ciphertext.
"""
import base64
import json
import sys

from pyhpke import AEADId, CipherSuite, KDFId, KEMId

SUITE = CipherSuite.new(KEMId.DHKEM_X25519_HKDF_SHA256, KDFId.HKDF_SHA256, AEADId.AES256_GCM)
INFO = b"haven/referral/v1"


def aad(referral: str, agency: str) -> bytes:
    return f"haven/referral/v1|{referral}|{agency}".encode()


def main() -> int:
    command = sys.argv[1]
    if command == "open":
        key_file, packet_file, referral, agency = sys.argv[2:6]
        with open(key_file, encoding="utf-8") as f:
            private = base64.b64decode(json.load(f)["privateKey"])
        with open(packet_file, "rb") as f:
            packet = f.read()
        skr = SUITE.kem.deserialize_private_key(private)
        context = SUITE.create_recipient_context(packet[:32], skr, info=INFO)
        sys.stdout.buffer.write(context.open(packet[32:], aad=aad(referral, agency)))
        return 0
    if command == "seal":
        public_b64, plaintext_file, referral, agency, out = sys.argv[2:7]
        pkr = SUITE.kem.deserialize_public_key(base64.b64decode(public_b64))
        with open(plaintext_file, "rb") as f:
            plaintext = f.read()
        enc, context = SUITE.create_sender_context(pkr, info=INFO)
        with open(out, "wb") as f:
            f.write(enc + context.seal(plaintext, aad=aad(referral, agency)))
        return 0
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main())
