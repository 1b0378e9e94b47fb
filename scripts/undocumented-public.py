import re,glob,sys
skip_names={'description','errorDescription','hash','==','makeAsyncIterator','next','encode','init(from','debugDescription','log','subscript(metadataKey'}
tot=0;und=[]
for f in glob.glob('Sources/StackQ/**/*.swift',recursive=True)+glob.glob('Sources/StackQEmulator/**/*.swift',recursive=True)+glob.glob('Sources/StackQTesting/**/*.swift',recursive=True):
    lines=open(f).read().split('\n')
    for i,l in enumerate(lines):
        m=re.match(r'^\s*(@\w+\s+)*public (?!extension)(.*)',l)
        if not m: continue
        if re.match(r'^\s*public extension',l): continue
        tot+=1
        j=i-1
        while j>=0 and (lines[j].strip().startswith('@') or lines[j].strip()=='' and False): j-=1
        prev=lines[j].strip() if j>=0 else ''
        if prev.startswith('///') or prev.endswith('*/'): continue
        decl=m.group(2)
        if any(('var '+n) in decl or ('func '+n) in decl or decl.startswith(n) for n in skip_names): continue
        if re.search(r'\b(case)\b',decl): continue
        und.append('%s:%d: %s'%(f,i+1,l.strip()))
print(tot,len(und))
print('\n'.join(und))
