import { expect } from '@open-wc/testing';
import { Strings, type StringTemplate } from '../../../components/internal/strings.js';
import { captureWarnings } from '../utils.js';

interface TestStrings {
  title: string;
  count: StringTemplate<{ n: number }>;
  fileName: StringTemplate<{ time: number; ext: string }>;
}
const DEFAULTS: TestStrings = { title: 'Title', count: '{n} items', fileName: 'clip-{time}.{ext}' };

describe('Strings (internal part)', () => {
  it('merges replacements over the defaults; null and undefined keep the default', () => {
    const s = new Strings(DEFAULTS);
    expect(s.value).to.equal(DEFAULTS);
    s.value = { title: 'Titel', count: undefined, fileName: null as unknown as string };
    expect(s.value).to.deep.equal({ ...DEFAULTS, title: 'Titel' });
    expect(s.isDefault('title')).to.be.false;
    expect(s.isDefault('count')).to.be.true;
    s.value = null;
    expect(s.value).to.deep.equal(DEFAULTS);
  });

  it('fills placeholders, with numbers in the digits given, or calls a function string', () => {
    const s = new Strings(DEFAULTS);
    expect(s.format('count', { n: 3 })).to.equal('3 items');
    expect(s.format('count', { n: 3 }, new Intl.NumberFormat('ar-EG'))).to.equal('٣ items');
    s.value = { count: ({ n }) => (n === 1 ? 'one item' : `${n} items`) };
    expect(s.format('count', { n: 1 })).to.equal('one item');
  });

  it('a function string that throws warns and gives empty text; formatOrDefault gives the default then', async () => {
    const s = new Strings(DEFAULTS);
    s.value = {
      fileName: () => {
        throw new Error('broken translation');
      },
    };
    const warnings = await captureWarnings(() => {
      expect(s.format('fileName', { time: 1, ext: 'png' })).to.equal('');
      expect(s.formatOrDefault('fileName', { time: 1, ext: 'png' })).to.equal('clip-1.png');
    });
    expect(warnings.length).to.equal(2);
    expect(warnings[0]).to.include('broken translation');
    s.value = { title: '' };
    expect(s.formatOrDefault('title', {})).to.equal('Title');
  });
});
