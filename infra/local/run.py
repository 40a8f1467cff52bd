"""`python -m infra.local.run [--port 8000] [--moto-port 8001]`: the whole portal on 127.0.0.1.

Starts moto's server, creates the template's resources in it, seeds the demo officers, and
serves the built site and the API through the dev gateway until Ctrl-C. It does not build the
site (`make run` does that first). `start_stack()` does the same in a thread, for tests.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from infra.local import gateway as gw
from infra.local import template as sam
from infra.local.provision import Provisioned, provision_stack, seed_officers

SITE_DIR = sam.ROOT / "build" / "site"
ROLE_LABELS = {"receptionist": "tiếp nhận", "specialist": "chuyên viên", "leader": "lãnh đạo", "admin": "quản trị"}


@dataclass
class Stack:
    url: str
    moto_url: str
    env: dict[str, str]
    officers: list[dict]
    provisioned: Provisioned
    _moto: object = field(repr=False)
    _gateway: gw.Gateway = field(repr=False)

    def stop(self) -> None:
        self._gateway.stop()
        self._moto.stop()


def start_stack(
    port: int = 0,
    moto_port: int = 0,
    *,
    site_dir: Path = SITE_DIR,
    template_path=sam.TEMPLATE_PATH,
    region: str = sam.DEFAULT_REGION,
    resolve_handler=gw.import_handler,
) -> Stack:
    """Moto server + resources + demo officers + gateway, all on 127.0.0.1 (port 0: a free one).
    `resolve_handler` picks the function a route calls (tests pass a fake one)."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto logs every request otherwise
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=moto_port, verbose=False)
    moto.start()
    try:
        host, bound_port = moto.get_host_and_port()
        moto_url = f"http://{host}:{bound_port}"
        # Bind the gateway first: the site origin (CORS on the API and the bucket) needs its port.
        config = gw.GatewayConfig(site_dir=site_dir, routes=sam.routes(template_path), authorizers={},
                                  portal_config={}, resolve_handler=resolve_handler, region=region)
        gateway = gw.Gateway(config, port=port)
        try:
            stack = provision_stack(endpoint_url=moto_url, region=region, template_path=template_path,
                                    parameters={"SiteOrigin": gateway.url})
            env = stack.env
            officers = seed_officers(env, endpoint_url=moto_url)
            config.authorizers = gw.jwt_authorizers(stack, moto_url, template_path)
            config.cors = gw.cors_configuration(stack, template_path)
            config.functions = gw.function_settings(template_path, region)
            config.portal_config = {
                "apiBase": "",
                "region": region,
                "userPoolId": env["USER_POOL_ID"],
                "userPoolClientId": env["USER_POOL_CLIENT_ID"],
                # moto's server takes the browser's unsigned InitiateAuth (X-Amz-Target) and
                # answers CORS preflight, so the admin page talks to it directly, as it would
                # to cognito-idp.<region>.amazonaws.com in the cloud.
                "cognitoEndpoint": moto_url + "/",
            }
            gw.prepare_handler_environment(env, moto_url, template_path)
            gateway.start()
        except BaseException:
            gateway.server.server_close()
            raise
    except BaseException:
        moto.stop()
        raise
    return Stack(url=gateway.url, moto_url=moto_url, env=env, officers=officers, provisioned=stack,
                 _moto=moto, _gateway=gateway)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Chạy cổng dịch vụ công trên máy (127.0.0.1).")
    parser.add_argument("--port", type=int, default=8000, help="cổng của trang và API (mặc định 8000)")
    parser.add_argument("--moto-port", type=int, default=8001, help="cổng của moto (mặc định 8001)")
    parser.add_argument("-v", "--verbose", action="store_true", help="in từng yêu cầu gửi tới cổng")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.verbose:
        logging.getLogger("portal.gateway").setLevel(logging.INFO)
    if not (SITE_DIR / "index.html").exists():
        print("Chưa có build/site: hãy chạy `make run` (lệnh này dựng trang trước).", file=sys.stderr)
        return 1
    stack = start_stack(args.port, args.moto_port)
    # The URL is the only line that is a URL: scripts and tests wait for it.
    print(stack.url)
    print("Tài khoản cán bộ demo (chỉ dùng trên máy):")
    print("  tên đăng nhập / mật khẩu (vai trò)")
    for officer in stack.officers:
        print(f"  {officer['username']} / {officer['password']} ({ROLE_LABELS.get(officer['group'], officer['group'])})")
    print("Trang cán bộ: /admin/")
    print(f"moto: 127.0.0.1:{stack.moto_url.rsplit(':', 1)[1]} (dữ liệu chỉ nằm trong bộ nhớ, dừng là mất)")
    print("Nhấn Ctrl-C để dừng.", flush=True)
    try:
        stack._gateway._thread.join()
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
