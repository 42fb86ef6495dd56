/**
 * A small sentiment lexicon for customer texts: common English opinion words plus customer-service
 * vocabulary (refund, late, broken, scam; fast, helpful, resolved). Lower case, apostrophes removed,
 * inflections listed explicitly because there is no stemming. Words whose polarity flips with context
 * ("cheap", "free", "sorry", "like", "later") are left out on purpose.
 */

export const positiveWords: ReadonlySet<string> = new Set(
  `good great excellent amazing awesome fantastic wonderful perfect perfectly love loved loves loving lovely
  liked best better nice happy happier glad pleased satisfied satisfying thanks thank thanked thankful
  grateful appreciate appreciated helpful helped helps friendly kind kindly polite fast faster quick quicker
  quickly prompt promptly speedy swift rapid instant instantly easy easier easily smooth smoothly reliable
  recommend recommended impressed impressive superb brilliant outstanding exceptional fabulous terrific
  delighted delightful enjoy enjoyed enjoying enjoyable beautiful cool fine fixed resolved solved works
  working worked comfortable convenient affordable fresh clean tasty delicious safe secure efficient effective
  professional courteous responsive welcome welcomed yay wow excited exciting fun favorite favourite success
  successful win won winning correct accurate generous super stellar solid sweet neat handy useful valuable
  worth worthwhile adore adored pleasant pleasure positive relieved relief calm patient patience understanding
  caring careful attentive informative clear simple intuitive seamless flawless painless upgrade upgraded
  improved improvement improve improves cheers congrats congratulations thrilled ecstatic joy joyful proud
  lucky blessed honest trustworthy trust trusted genuine legit reasonable fair saved savings kudos bravo hero
  legend rocks amazingly wonderfully excellently gorgeous elegant lovelier ideal`
    .split(/\s+/)
    .filter(Boolean),
);

export const negativeWords: ReadonlySet<string> = new Set(
  `bad worse worst terrible terribly horrible horribly awful awfully poor poorly hate hated hates dislike
  disliked disappointed disappointing disappointment angry annoyed annoying frustrated frustrating
  frustration upset unhappy sad broken broke damaged defective faulty fault useless slow slowly
  slower late delayed delay delays missing lost wrong error errors fail failed fails failure failing
  problem problems issue issues bug bugs buggy glitch glitches crash crashed crashes crashing freeze frozen
  stuck refund refunds cancelled canceled cancellation complaint complaints complain complained complaining
  scam scammed scammers fraud fraudulent ripoff overcharged overpriced expensive rude unhelpful incompetent
  ignored ignoring ignore waiting waited unacceptable ridiculous pathetic joke disgusting disgrace shameful
  shame nightmare hell sucks suck sucked crap garbage trash rubbish junk mess messed worthless waste wasted
  outage dead leaking leak dirty stolen steal theft hacked spam misleading misled lied lie lies liar
  dishonest fake cheated cheat confusing confused difficult impossible painful pain hassle horrendous
  dreadful atrocious appalling inexcusable lousy mediocre meh ugh wtf fuming furious livid outraged disgusted
  tired sick worried worry unfair unreliable unusable unresponsive overdue expired denied declined
  rejected refused incorrect inaccurate stale bland rotten smelly noisy uncomfortable unsafe insecure
  hopeless helpless sucky shoddy flimsy cheaply`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that flip the polarity of opinion words shortly after them. */
export const negators: ReadonlySet<string> = new Set(
  `not never no nor cannot cant dont doesnt didnt isnt wasnt arent werent wont wouldnt couldnt shouldnt
  havent hasnt hadnt aint`
    .split(/\s+/)
    .filter(Boolean),
);
