"""The baseline for Kairos's bulk MFA change: a sequential boto3 loop making the
same calls (AdminGetUser, then AdminSetUserMFAPreference unless already set).

Usage: boto3_bulk.py ENDPOINT POOL_ID USERS_FILE
Prints one JSON line: {"seconds": ..., "changed": ..., "unchanged": ..., "failed": ...}.
"""

import json
import sys
import time

import boto3


def main() -> None:
    endpoint, pool_id, users_file = sys.argv[1:4]
    client = boto3.client(
        "cognito-idp",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    with open(users_file, encoding="utf-8") as handle:
        users = [line.strip() for line in handle if line.strip()]
    counts = {"changed": 0, "unchanged": 0, "failed": 0}
    start = time.perf_counter()
    for username in users:
        try:
            user = client.admin_get_user(UserPoolId=pool_id, Username=username)
            if user.get("PreferredMfaSetting") == "SMS_MFA":
                counts["unchanged"] += 1
                continue
            client.admin_set_user_mfa_preference(
                UserPoolId=pool_id,
                Username=username,
                SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
            )
            counts["changed"] += 1
        except Exception as error:  # noqa: BLE001 - counted, like Kairos's failed rows
            counts["failed"] += 1
            counts.setdefault("first_error", repr(error))
    counts["seconds"] = time.perf_counter() - start
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
