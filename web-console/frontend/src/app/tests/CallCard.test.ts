import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { HubProblem } from '../../shared/api';
import { createResponder } from '../responder';
import { i18n } from '../i18n';
import CallCard from '../components/CallCard.vue';
import { VIEW, flush } from './fakes';
import type { Call } from '../calls';

function card(call: Call) {
  const responder = createResponder();
  const act = vi.spyOn(responder, 'act').mockResolvedValue(true);
  const wrapper = mount(CallCard, { props: { call, responder }, global: { plugins: [i18n] }, attachTo: document.body });
  return { responder, act, wrapper };
}

const buttons = (w: ReturnType<typeof mount>) => w.findAll('button[data-action]').map((b) => b.attributes('data-action'));

describe('the call card', () => {
  afterEach(() => { document.body.innerHTML = ''; });

  it('shows the resident, address, flags, family phones and only the actions of its state', () => {
    const { wrapper } = card(VIEW as Call);
    const text = wrapper.text();
    expect(text).toContain('李大爷');
    expect(text).toContain('7号楼2单元302');
    expect(text).toContain('独居');
    expect(text).toContain('85岁以上');
    expect(text).toContain('待响应');
    expect(wrapper.find('a.tel').attributes('href')).toBe('tel:+8613900000001');
    expect(text).toContain('女儿');
    expect(buttons(wrapper)).toEqual(['acknowledge', 'cancel']);
    expect(wrapper.text()).not.toMatch(/living_alone|raised|daughter/);
  });

  it('credits 响应人 and 到场人 separately', () => {
    const { wrapper } = card({ ...(VIEW as Call), state: 'arrived', acknowledgedBy: { id: 'p1', name: '王芳' },
      arrivedBy: { id: 'p2', name: '赵强' } });
    expect(wrapper.find('[data-field=acknowledgedBy]').text()).toBe('王芳');
    expect(wrapper.find('[data-field=arrivedBy]').text()).toBe('赵强');
    expect(buttons(wrapper)).toEqual(['resolve', 'cancel']);
  });

  it('does not credit the acknowledger with the arrival', () => {
    const { wrapper } = card({ ...(VIEW as Call), state: 'arrived', acknowledgedBy: { id: 'p1', name: '王芳' } });
    expect(wrapper.find('[data-field=arrivedBy]').exists()).toBe(false);
  });

  it('changes nothing when the 办结 dialog is dismissed, and resolves only on 确认办结', async () => {
    const { wrapper, act } = card({ ...(VIEW as Call), state: 'acknowledged', acknowledgedBy: { id: 'p1', name: '王芳' } });
    await wrapper.find('button[data-action=resolve]').trigger('click');
    await flush();
    const cancel = document.querySelector<HTMLButtonElement>('.van-dialog__cancel')!;
    const confirm = document.querySelector<HTMLButtonElement>('.van-dialog__confirm')!;
    expect(cancel.textContent).toContain('返回');
    expect(confirm.textContent).toContain('确认办结');
    cancel.click();
    await flush();
    expect(act).not.toHaveBeenCalled();

    await wrapper.find('button[data-action=resolve]').trigger('click');
    await flush();
    [...document.querySelectorAll<HTMLButtonElement>('.van-dialog__confirm')].pop()!.click();
    await flush();
    expect(act).toHaveBeenCalledWith(VIEW.id, 'resolve');
  });

  it('shows a 409 in Chinese, never the hub\'s English detail', () => {
    const { wrapper, responder } = card(VIEW as Call);
    responder.state.problems[VIEW.id] = new HubProblem(409, 'state: already acknowledged');
    return wrapper.vm.$nextTick().then(() => {
      expect(wrapper.find('.problem').text()).toBe('该呼叫已被他人处理，页面已刷新');
      expect(wrapper.text()).not.toContain('already');
    });
  });
});
