"""`python -m infra.local.run [--port 8000] [--reset]`: the whole portal on 127.0.0.1.

Binds the gateway's port first (a port in use stops here, at once), starts moto's server,
creates the template's resources in it, seeds the demo officers, puts back the state saved
in `.local-state/` (`--reset` starts empty), and serves the built site and the API until
Ctrl-C. It does not build the site (`make run` does that first). `start_stack()` does the same
from the calling process (servers in its threads, functions in worker processes), for tests.
"""
from __future__ import annotations

import argparse
import errno
import logging
import signal
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from infra.local import template as sam
from infra.local.downloads import DocumentsDistribution, DownloadsServer
from infra.local.functions import DEFAULT_ENVIRONMENTS, Functions, Invoke, prepare_handler_environment
from infra.local.gateway import Gateway, GatewayConfig, cors_configuration
from infra.local.jwt_authorizer import jwt_authorizers
from infra.local.moto_server import MotoServer
from infra.local.officers import seed_officers
from infra.local.outbox_page import PATH as OUTBOX_PATH
from infra.local.outbox_page import outbox_page
from infra.local.provision import provision
from infra.local.references import Provisioned
from infra.local.resources import aws_client
from infra.local.sandbox_payments import PATH as SANDBOX_PAY_PATH
from infra.local.sandbox_payments import sandbox_pay
from infra.local.security_headers import local_security_headers
from infra.local.state import STATE_DIR, LocalState, StateInUse
from infra.local.streams import StreamPoller, stream_sources, streams_client

SITE_DIR = sam.ROOT / "build" / "site"


class PortInUse(Exception):
    def __init__(self, port: int):
        super().__init__(f"port {port} is in use")
        self.port = port


def _bound(port: int, make):
    """`make()` binds `port`; a port in use becomes PortInUse (which port it was)."""
    try:
        return make()
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise PortInUse(port) from error
        raise


@dataclass
class Stack:
    url: str
    moto_url: str
    downloads_url: str
    env: dict[str, str]
    officers: list[dict]
    restored: dict[str, int]
    _moto: MotoServer = field(repr=False)
    _gateway: Gateway = field(repr=False)
    _downloads: DownloadsServer = field(repr=False)
    _functions: Functions | None = field(repr=False)
    _state: LocalState | None = field(repr=False)

    def wait(self) -> None:
        self._gateway.wait()

    def stop(self) -> None:
        self._gateway.stop()
        self._downloads.stop()
        if self._state:
            self._state.save()  # uploads sent straight to S3 since the last write
            self._state.release()
        if self._functions:
            self._functions.stop()
        self._moto.stop()


def _stream_poller(stack: Provisioned, functions: Functions, template_path) -> StreamPoller:
    """The template's stream event sources (the notification sender), run by the functions'
    own environments from moto's streams."""

    def invoke(source, event):
        return functions.invoke(source.function_id, source.handler, event, uuid.uuid4().hex)

    return StreamPoller(stream_sources(stack, template_path), invoke,
                        streams_client(stack.region, stack.endpoint_url),
                        aws_client("sqs", stack.region, stack.endpoint_url))


def _after_write(poller: StreamPoller | None, state: LocalState | None) -> Callable[[], None] | None:
    """What follows a write: the stream-fed functions run (as Lambda would, moments later), then
    the state is saved, with what they changed."""
    if poller is None and state is None:
        return None

    def after_write() -> None:
        if poller is not None:
            try:
                poller.poll()
            except Exception:  # a failing sender must not fail the request that wrote
                logging.getLogger("portal.streams").exception("the stream-fed functions failed")
        if state is not None:
            state.save()

    return after_write


def start_stack(
    port: int = 0,
    moto_port: int = 0,
    *,
    site_dir: Path = SITE_DIR,
    template_path=sam.TEMPLATE_PATH,
    region: str = sam.DEFAULT_REGION,
    state: LocalState | None = None,
    invoke: Invoke | None = None,
    environments: int = DEFAULT_ENVIRONMENTS,
) -> Stack:
    """Gateway + moto server + resources + demo officers, all on 127.0.0.1 (port 0: a free one).
    With `state`, the folder is claimed, its saved data restored and kept up to date; without,
    everything lives in memory. `invoke` replaces the template's functions (tests pass a stand-in).
    Raises PortInUse when a port is taken and StateInUse when another stack holds the folder,
    both before anything slow."""
    # The functions' environments start on first use, once the environment below is prepared.
    functions = None
    if invoke is None:
        invoke = functions = Functions(template_path, region, environments)
    config = GatewayConfig(site_dir=site_dir, routes=sam.routes(template_path), invoke=invoke)
    # Bound first: a port in use fails here, and the site origin (CORS) needs the port.
    gateway = _bound(port, lambda: Gateway(config, port=port))
    moto = downloads = None
    try:
        moto = _bound(moto_port, lambda: MotoServer(moto_port)).start()
        if state:
            state.claim()
        stack = provision(endpoint_url=moto.url, region=region, template_path=template_path,
                          parameters={"SiteOrigin": gateway.url})
        # The documents distribution's stand-in, on an origin of its own as in the cloud: the
        # links the functions sign lead there (the template's DOWNLOADS_ORIGIN names CloudFront).
        downloads = DocumentsDistribution.from_stack(stack, template_path).serve()
        stack.env["DOWNLOADS_ORIGIN"] = downloads.url
        env = stack.env
        officers = seed_officers(env, endpoint_url=moto.url)
        restored = state.restore(stack) if state else {"items": 0, "objects": 0}
        config.authorizers = jwt_authorizers(stack, moto.url, template_path)
        config.cors = cors_configuration(stack, template_path)
        config.security_headers = local_security_headers(gateway.url, moto.url, template_path)
        poller = _stream_poller(stack, functions, template_path) if functions else None
        config.after_write = _after_write(poller, state)
        config.local_pages = {OUTBOX_PATH: outbox_page(stack)}
        config.local_actions = {SANDBOX_PAY_PATH: sandbox_pay(env["SANDBOX_PAYMENT_SECRET"], gateway.url)}
        config.portal_config = {
            "apiBase": "",
            "region": region,
            "userPoolId": env["USER_POOL_ID"],
            "userPoolClientId": env["USER_POOL_CLIENT_ID"],
            # moto's server takes the browser's unsigned InitiateAuth (X-Amz-Target) and
            # answers CORS preflight, so the admin page talks to it directly, as it would
            # to cognito-idp.<region>.amazonaws.com in the cloud.
            "cognitoEndpoint": moto.url + "/",
        }
        prepare_handler_environment(env, moto.url, template_path)
        if functions:
            functions.warm(config.routes)
        if config.after_write:
            config.after_write()  # messages restored unsent go out now
        gateway.start()
    except BaseException:
        gateway.stop()
        if downloads:
            downloads.stop()
        if functions:
            functions.stop()
        if moto:
            moto.stop()
        if state:
            state.release()
        raise
    return Stack(url=gateway.url, moto_url=moto.url, downloads_url=downloads.url, env=env, officers=officers,
                 restored=restored, _moto=moto, _gateway=gateway, _downloads=downloads, _functions=functions,
                 _state=state)


def _print_welcome(stack: Stack, state_dir: Path) -> None:
    from portal.domain.vocabulary import ROLE_LABELS  # importable once the functions' code is on the path

    # The URL is the only line that is a URL: scripts and tests wait for it.
    print(stack.url)
    print("Tài khoản cán bộ demo (chỉ dùng trên máy):")
    print("  tên đăng nhập / mật khẩu (vai trò)")
    for officer in stack.officers:
        print(f"  {officer['username']} / {officer['password']} ({ROLE_LABELS.get(officer['group'], officer['group'])})")
    print("Trang cán bộ: /admin/")
    print(f"Thư điện tử và tin nhắn đã gửi người nộp: {OUTBOX_PATH}")
    print(f"Dữ liệu lưu trong {state_dir} (đã khôi phục {stack.restored['items']} bản ghi, "
          f"{stack.restored['objects']} tệp); `make reset` để bắt đầu trống.")
    print("Nhấn Ctrl-C để dừng.", flush=True)


def _stop_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt  # the same clean stop as Ctrl-C: the state is saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Chạy cổng dịch vụ công trên máy (127.0.0.1).")
    parser.add_argument("--port", type=int, default=8000, help="cổng của trang và API (mặc định 8000)")
    parser.add_argument("--moto-port", type=int, default=0, help="cổng của moto (mặc định: một cổng trống)")
    parser.add_argument("--state-dir", type=Path, default=STATE_DIR, help="thư mục lưu dữ liệu (mặc định .local-state)")
    parser.add_argument("--reset", action="store_true", help="xóa dữ liệu đã lưu, bắt đầu trống")
    parser.add_argument("-v", "--verbose", action="store_true", help="in từng yêu cầu gửi tới cổng")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.verbose:
        logging.getLogger("portal.gateway").setLevel(logging.INFO)
    if not (SITE_DIR / "index.html").exists():
        print("Chưa có build/site: hãy chạy `make run` (lệnh này dựng trang trước).", file=sys.stderr)
        return 1
    state = LocalState(args.state_dir, start_empty=args.reset)
    try:
        stack = start_stack(args.port, args.moto_port, state=state)
    except PortInUse as error:
        print(f"Cổng {error.port} đang được dùng (có thể `make run` khác đang chạy). Hãy dừng chương "
              f"trình đó, hoặc chọn cổng khác, ví dụ: make run PORT={error.port + 1}", file=sys.stderr)
        return 2
    except StateInUse:
        print(f"Thư mục dữ liệu {args.state_dir} đang được một `make run` khác dùng: hãy dừng nó trước.",
              file=sys.stderr)
        return 2
    _print_welcome(stack, args.state_dir)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        stack.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
