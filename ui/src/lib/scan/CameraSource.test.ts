import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import AddAccountPage from '../../pages/AddAccountPage.svelte';
import { fakeBackend, type FakeChannel } from '../../test/helpers';
import type { CameraFrame, PendingAccount, ScanResult, VaultStatus } from '../ipc';

vi.mock('@tauri-apps/api/core', async () => ({
  invoke: vi.fn(),
  Channel: (await import('../../test/helpers')).FakeChannel,
}));
const invokeMock = vi.mocked(invoke);

const OPEN: VaultStatus = { exists: true, unlocked: true, protection: 'keyring', keyringAvailable: true };
const ACCOUNT: PendingAccount = {
  pendingId: 9,
  duplicate: false,
  preview: { issuer: 'GitHub', label: 'ada', kind: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: null, warning: null },
};
const FOUND: ScanResult = { source: 'camera', payloads: [{ kind: 'otpauth', account: ACCOUNT }], migration: null };
const frame = (over: Partial<CameraFrame> = {}): CameraFrame => ({
  jpeg: '/9j/AAAA',
  width: 640,
  height: 360,
  outlines: [],
  found: null,
  ...over,
});

type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;
const calls = (cmd: string): unknown[][] => invokeMock.mock.calls.filter(([c]) => c === cmd);
const byId = (id: string): HTMLElement => screen.getByTestId(id);

async function cameraTab(handlers: Handlers): Promise<{ unmount: () => void }> {
  fakeBackend(invokeMock, { vault_status: () => OPEN, camera_stop: () => null, ...handlers });
  const view = render(AddAccountPage, { onadded: vi.fn(), onimported: vi.fn() });
  await fireEvent.click(await screen.findByTestId('scan-source-camera'));
  return view;
}

/** The channel the window gave `camera_start`, to play frames through. */
function frames(): FakeChannel<CameraFrame> {
  const args = calls('camera_start').at(-1)?.[1] as { onFrame: FakeChannel<CameraFrame> } | undefined;
  if (!args) throw new Error('camera_start was not called');
  return args.onFrame;
}

async function started(handlers: Handlers = {}): Promise<{ unmount: () => void }> {
  const view = await cameraTab({
    camera_list: () => [{ index: 0, name: 'Integrated webcam' }],
    camera_start: () => null,
    ...handlers,
  });
  await fireEvent.click(byId('scan-camera-start'));
  await vi.waitFor(() => {
    expect(calls('camera_start')).toHaveLength(1);
  });
  return view;
}

describe('Scan tab: the camera', () => {
  it('says there is no camera, and offers the other sources', async () => {
    await cameraTab({ camera_list: () => [] });
    await fireEvent.click(byId('scan-camera-start'));
    const problem = await screen.findByTestId('scan-camera-problem');
    expect(problem.dataset.errorCode).toBe('capture.no_camera');
    expect(problem.textContent).toContain('No camera found');
    expect(problem.textContent).toContain('Kairos found no camera on this computer.');
    expect(calls('camera_start')).toEqual([]);
    expect(within(problem).getByTestId('scan-camera-use-image').textContent).toContain('Image file');
    expect(within(problem).getByTestId('scan-camera-use-clipboard').textContent).toContain('Clipboard');

    await fireEvent.click(within(problem).getByTestId('scan-camera-use-screen'));
    expect((byId('scan-source-screen') as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement).toBe(byId('scan-source-screen'));
    expect(byId('scan-screen')).toBeTruthy();
    expect(screen.queryByTestId('scan-camera-problem')).toBeNull();
  });

  it.each([
    ['capture.no_camera', 'No camera found', 'The camera could not be opened: no such device.'],
    ['capture.camera_busy', 'The camera is busy', 'Another application is using the camera.'],
    ['capture.camera_denied', 'Access to the camera was refused', 'Kairos may not use the camera.'],
    ['capture.camera_failed', 'The camera could not start', 'The camera stopped answering.'],
  ])('explains %s and offers the other sources', async (code, title, message) => {
    await cameraTab({
      camera_list: () => [{ index: 0, name: 'Integrated webcam' }],
      camera_start: () => {
        throw { code, message, hint: 'Close the other app.' };
      },
    });
    await fireEvent.click(byId('scan-camera-start'));
    const problem = await screen.findByTestId('scan-camera-problem');
    expect(problem.dataset.errorCode).toBe(code);
    expect(within(problem).getByTestId('error-notice').textContent).toContain(title);
    expect(within(problem).getByTestId('error-message').textContent).toBe(message);
    expect(within(problem).getByTestId('error-hint').textContent).toBe('Close the other app.');
    for (const source of ['image', 'screen', 'clipboard']) {
      expect(within(problem).getByTestId(`scan-camera-use-${source}`)).toBeTruthy();
    }
    expect(screen.queryByTestId('scan-camera-preview')).toBeNull();
    expect(byId('scan-camera-start').textContent).toContain('Try the camera again');
  });

  it('shows the frames with the codes outlined, then the account it found, and lets the camera go', async () => {
    await started();
    expect(calls('camera_start')[0]?.[1]).toMatchObject({ device: 0 });

    frames().onmessage(frame({ outlines: [[[10, 20], [110, 20], [110, 120], [10, 120]]] }));
    const preview = await screen.findByTestId<HTMLImageElement>('scan-camera-preview');
    expect(preview.getAttribute('src')).toBe('data:image/jpeg;base64,/9j/AAAA');
    expect(preview.alt).toBe('Camera preview');
    expect(byId('scan-camera-outline').getAttribute('points')).toBe('10,20 110,20 110,120 10,120');
    expect(calls('camera_stop')).toEqual([]);

    frames().onmessage(frame({ found: FOUND }));
    const card = await screen.findByTestId('scan-card');
    expect(within(card).getByTestId('scan-card-issuer').textContent).toBe('GitHub');
    expect(calls('camera_stop')).toHaveLength(1);
    expect(screen.queryByTestId('scan-camera-preview')).toBeNull();
  });

  it('says why when the camera stops by itself, and offers the other sources', async () => {
    await started();
    frames().onmessage(frame({}));
    await screen.findByTestId('scan-camera-preview');
    frames().onmessage(
      frame({
        jpeg: '',
        ended: { code: 'capture.camera_failed', message: 'The camera stopped.', hint: 'Plug it in again.' },
      }),
    );
    const problem = await screen.findByTestId('scan-camera-problem');
    expect(problem.getAttribute('data-error-code')).toBe('capture.camera_failed');
    expect(problem.textContent).toContain('The camera stopped.');
    expect(screen.queryByTestId('scan-camera-preview')).toBeNull();
    expect(screen.getByTestId('scan-camera-use-image')).toBeTruthy();
    // Late frames of the ended stream are ignored.
    frames().onmessage(frame({}));
    expect(screen.queryByTestId('scan-camera-preview')).toBeNull();
  });

  it('keeps looking while an export is incomplete', async () => {
    await started();
    const partial: ScanResult = {
      source: 'camera',
      payloads: [{ kind: 'migration', batchIndex: 0, batchSize: 2, batchId: 5, accountCount: 1 }],
      migration: { batchId: 5, batchSize: 2, scanned: [0], complete: false, accounts: [ACCOUNT] },
    };
    frames().onmessage(frame({ found: partial }));
    const panel = await screen.findByTestId('scan-migration-progress');
    expect(panel.textContent).toContain('1 of 2 codes scanned');
    expect(byId('scan-camera-stop')).toBeTruthy();
    expect(calls('camera_stop')).toEqual([]);
  });

  it('lets a camera be chosen when there are several', async () => {
    await cameraTab({
      camera_list: () => [
        { index: 0, name: 'Integrated webcam' },
        { index: 2, name: 'USB camera' },
      ],
      camera_start: () => null,
    });
    await fireEvent.click(byId('scan-camera-start'));
    const select = await screen.findByTestId<HTMLSelectElement>('scan-camera-device');
    expect(screen.getByLabelText('Camera to use')).toBe(select);
    expect([...select.options].map((o) => o.textContent)).toEqual(['Integrated webcam', 'USB camera']);
    expect(calls('camera_start')).toEqual([]);
    await fireEvent.change(select, { target: { value: '2' } });
    await fireEvent.click(byId('scan-camera-open'));
    expect(calls('camera_start')[0]?.[1]).toMatchObject({ device: 2 });
  });

  it('stops the camera with the Stop button, and ignores late frames', async () => {
    await started();
    await fireEvent.click(await screen.findByTestId('scan-camera-stop'));
    expect(calls('camera_stop')).toHaveLength(1);
    frames().onmessage(frame());
    expect(screen.queryByTestId('scan-camera-preview')).toBeNull();
  });

  it('releases the camera when the page goes away', async () => {
    const view = await started();
    view.unmount();
    expect(calls('camera_stop')).toHaveLength(1);
  });

  it('releases the camera on another tab or another source', async () => {
    await started();
    await fireEvent.click(byId('add-tab-uri'));
    expect(calls('camera_stop')).toHaveLength(1);
    await fireEvent.click(byId('add-tab-scan'));
    await fireEvent.click(byId('scan-camera-start'));
    await vi.waitFor(() => {
      expect(calls('camera_start')).toHaveLength(2);
    });
    await fireEvent.click(byId('scan-source-image'));
    expect(calls('camera_stop')).toHaveLength(2);
  });
});
