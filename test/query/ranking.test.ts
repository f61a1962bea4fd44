import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article.ts';
import { libraryFromArticles } from '../../src/query/create-library.ts';
import { request } from './fixtures.ts';

const article = (id: string, title: string, body: string, extra: Partial<Article> = {}): Article => ({ id, title, body, tags: [], ...extra });

const ids = (articles: Article[], q: string) =>
  libraryFromArticles(articles)
    .search(request({ q, typing: false }))
    .hits.map((hit) => hit.id);

describe('ranking', () => {
  it('finds other forms of a word, the exact form first', () => {
    const articles = [
      article('toast', 'Evening news', 'They raised a toast to the mayor.'),
      article('toasts', 'Evening news', 'They raised toasts to the mayor.'),
      article('bread', 'Evening news', 'They bought bread for the mayor.'),
    ];
    expect(ids(articles, 'toasts')).toEqual(['toasts', 'toast']);
    expect(ids(articles, 'toast')).toEqual(['toast', 'toasts']);
  });

  it('ranks an article with every word as written above one that has some only by their stems, even in its title', () => {
    const articles = [
      article('stems', 'Banks lend less', 'A mortgage approval takes longer. Banks lend less.'),
      article('exact', 'Home loans rising', 'Banks approved more mortgages, and lending rose in the year to March as rates held.'),
    ];
    expect(ids(articles, 'mortgages lending approved')).toEqual(['exact', 'stems']);
  });

  it('ranks an article where the words stand together above one where they are apart', () => {
    const articles = [
      article('apart', 'Notes', 'Malcolm spoke at noon. Everyone in the city went out on a fine day to see what Glazer would do.'),
      article('together', 'Notes', 'By noon Malcolm Glazer spoke. Everyone in the city went out on a fine day to see what he would do.'),
    ];
    expect(ids(articles, 'noon malcolm glazer')).toEqual(['together', 'apart']);
  });

  it('ranks a title match above a body match', () => {
    const articles = [article('body', 'Weather', 'The harbour flooded.'), article('title', 'Harbour reopens', 'The weather cleared.')];
    expect(ids(articles, 'harbour')).toEqual(['title', 'body']);
  });

  it('lets newer articles win ties', () => {
    const articles = [
      article('old', 'Budget vote', 'The budget vote.', { date: '2001-05-01' }),
      article('new', 'Budget vote', 'The budget vote.', { date: '2021-05-01' }),
      article('undated', 'Budget vote', 'The budget vote.'),
    ];
    expect(ids(articles, 'budget')).toEqual(['new', 'old', 'undated']);
  });

  it('ranks articles with every word above those with some, however strong', () => {
    const articles = [
      article('some', 'Harbour harbour harbour', 'Harbour news about the harbour.'),
      article('all', 'Notes', 'The harbour and the tram.'),
    ];
    expect(ids(articles, 'harbour tram')).toEqual(['all', 'some']);
  });

  it('matches a phrase only where its words stand together', () => {
    const articles = [
      article('apart', 'Notes', 'The base of the space station.'),
      article('together', 'Notes', 'At the space base, leaders met.'),
    ];
    expect(ids(articles, '"space base"')).toEqual(['together']);
    expect(ids(articles, 'space -"space base"')).toEqual(['apart']);
  });

  it('honours OR, exclusions and fields', () => {
    const articles = [
      article('a', 'Tram plan', 'A tram for the city.', { source: 'Ledger', tags: ['Transport'] }),
      article('b', 'Bus plan', 'A bus for the city, not a tram.', { source: 'Courier', tags: ['Transport'] }),
      article('c', 'Rates rise', 'The city budget.', { source: 'Courier', tags: ['Economy'] }),
    ];
    expect(ids(articles, 'tram OR budget').sort()).toEqual(['a', 'b', 'c']);
    expect(ids(articles, 'city -tram')).toEqual(['c']);
    expect(ids(articles, 'title:tram')).toEqual(['a']);
    expect(ids(articles, 'source:courier').sort()).toEqual(['b', 'c']);
    expect(ids(articles, 'tag:economy')).toEqual(['c']);
    expect(ids(articles, '(tram OR bus) source:courier')).toEqual(['b']);
  });

  it('tolerates a typo in a long word the archive does not have, below words matched as written', () => {
    const articles = [
      article('harbour', 'Harbour reopens', 'The harbour reopened.'),
      article('ferry', 'Ferry news', 'A new ferry timetable.'),
      article('misprint', 'Parliment watch', 'A column whose name is misspelt.'),
    ];
    expect(ids(articles, 'harbuor')).toEqual(['harbour']);
    // Only the word as typed: the archive has "parliment", so it is no typo.
    expect(ids(articles, 'parliment')).toEqual(['misprint']);
    expect(ids(articles, 'harbuor ferry')).toEqual(['ferry']);
  });

  it('reads a typo by the word as typed when its stem is short, not by every word near the stem', () => {
    const articles = [
      article('business', 'Business news', 'Small business owners met.'),
      article('bus', 'Bus stop moved', 'The bus stop is now by the bush.'),
    ];
    // "busrness" stems to "busr", two edits from "bus" and "bush".
    expect(ids(articles, 'busrness')).toEqual(['business']);
  });

  it('finds the word meant when the typo is its own stem and the word is stored under a shorter one', () => {
    const articles = [article('president', 'The president spoke', 'A speech.'), article('other', 'Weather', 'Rain.')];
    // "presidnet" stems to itself; "president" is indexed under "presid".
    expect(ids(articles, 'presidnet')).toEqual(['president']);
  });
});
